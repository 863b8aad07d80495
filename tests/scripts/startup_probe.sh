# Startup probe gates liveness/readiness: a slow app (ready file after 20s) with a startup probe of
# failureThreshold 30 x periodSeconds 2; a too-strict startup probe kills the container.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: slow-start
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]
    startupProbe:
      exec:
        command: ["cat", "/tmp/started"]
      failureThreshold: 30
      periodSeconds: 2
    livenessProbe:
      exec:
        command: ["cat", "/tmp/started"]
      periodSeconds: 5
---
apiVersion: v1
kind: Pod
metadata:
  name: too-strict
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]
    startupProbe:
      exec:
        command: ["cat", "/tmp/started"]
      failureThreshold: 3
      periodSeconds: 2
EOF
sleep 10
kubectl get pods
sleep 15
kubectl get pods
kubectl describe pod too-strict
kubectl get pod slow-start -o jsonpath='{.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}{"\n"}'
