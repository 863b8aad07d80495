# A sidecar (init container with restartPolicy: Always) keeps running beside the app; a failing init
# container restarts with back-off (Init:Error, Init:CrashLoopBackOff), or fails the pod under Never.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  initContainers:
  - name: log-shipper
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "while true; do echo shipping; sleep 10; done"]
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: init-fails
spec:
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "echo migration failed; exit 1"]
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: init-fails-never
spec:
  restartPolicy: Never
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "exit 2"]
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 3
kubectl get pods
sleep 30
kubectl get pods
kubectl logs with-sidecar -c log-shipper
kubectl describe pod init-fails
