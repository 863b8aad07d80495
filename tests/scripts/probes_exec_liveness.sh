# kubernetes.io "Define a liveness command": the probe passes for 30s, then fails; after 3 failures
# the kubelet kills the container (busybox's sh ignores SIGTERM: killed after the 30s grace period).
kubectl apply -f manifests/exec-liveness.yaml
sleep 2
kubectl get pod liveness-exec
sleep 13
kubectl describe pod liveness-exec
sleep 25
kubectl get pod liveness-exec
sleep 30
kubectl describe pod liveness-exec
sleep 10
kubectl get pod liveness-exec
