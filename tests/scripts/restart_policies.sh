# restartPolicy Never / OnFailure / Always with exit 0 and exit 3.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: never-ok
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; echo done"]
---
apiVersion: v1
kind: Pod
metadata:
  name: never-fail
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 3"]
---
apiVersion: v1
kind: Pod
metadata:
  name: onfailure-ok
spec:
  restartPolicy: OnFailure
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 0"]
---
apiVersion: v1
kind: Pod
metadata:
  name: onfailure-fail
spec:
  restartPolicy: OnFailure
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 3"]
---
apiVersion: v1
kind: Pod
metadata:
  name: always-ok
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 0"]
EOF
sleep 10
kubectl get pods
kubectl get pod never-fail -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}{"\n"}'
kubectl describe pod never-fail
kubectl delete pod never-ok never-fail
kubectl get pods
