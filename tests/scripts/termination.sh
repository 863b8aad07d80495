# Graceful termination: Terminating, preStop counts against the grace period, SIGKILL at its end.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  terminationGracePeriodSeconds: 20
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "echo bye; sleep 5"]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
EOF
sleep 10
kubectl get pods
kubectl delete pod slow --wait=false
sleep 1
kubectl get pods
kubectl describe pod slow
sleep 10
kubectl get pods
sleep 10
kubectl get pods
kubectl delete pod web
kubectl get pods
kubectl run sleeper --image=busybox:1.36 -- sleep 3600
sleep 5
kubectl delete pod sleeper --grace-period=0 --force
kubectl get pods
