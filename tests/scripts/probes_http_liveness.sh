# kubernetes.io "Define a liveness HTTP request": agnhost's /healthz answers 200 for 10s, then 500.
kubectl apply -f manifests/http-liveness.yaml
sleep 10
kubectl describe pod liveness-http
sleep 10
kubectl get pod liveness-http
kubectl describe pod liveness-http
