# kubernetes.io "Define a TCP liveness probe": ready only after the readiness probe's 15s delay.
kubectl apply -f manifests/tcp-liveness-readiness.yaml
sleep 5
kubectl get pod goproxy
sleep 20
kubectl get pod goproxy -o wide
kubectl get pod goproxy -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}{"\n"}'
