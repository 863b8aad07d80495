# A failing postStart kills the container (PostStartHookError, then back-off); a failing preStop is
# reported and the stop goes on; a preStop longer than the grace period is cut off.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: poststart-fails
spec:
  containers:
  - name: app
    image: nginx:1.25
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "echo cannot warm up; exit 1"]
---
apiVersion: v1
kind: Pod
metadata:
  name: prestop-fails
spec:
  containers:
  - name: app
    image: nginx:1.25
    lifecycle:
      preStop:
        httpGet:
          path: /shutdown
          port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: prestop-slow
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "sleep 60"]
EOF
sleep 8
kubectl get pods
kubectl describe pod poststart-fails
kubectl delete pod prestop-fails prestop-slow --wait=false
sleep 4
kubectl get pods
sleep 4
kubectl get pods
kubectl get events --field-selector involvedObject.name=prestop-fails
kubectl get events --field-selector involvedObject.name=prestop-slow
