# Graceful termination with preStop: the pod shows Terminating; preStop runs first and uses up the
# grace period; the shell ignores SIGTERM, so the kubelet sends SIGKILL when the 20s are over.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: slow-shutdown
spec:
  terminationGracePeriodSeconds: 20
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo serving; sleep 3600"]
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "echo draining connections; sleep 5"]
EOF
sleep 5
kubectl delete pod slow-shutdown --wait=false
sleep 2
kubectl get pods
kubectl describe pod slow-shutdown
