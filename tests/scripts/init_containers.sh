# kubernetes.io "Init Containers" example: the pod waits in Init:0/2 until both Services exist.
kubectl apply -f manifests/init-containers.yaml
sleep 10
kubectl get pods
kubectl logs myapp-pod -c init-myservice
kubectl describe pod myapp-pod
kubectl apply -f manifests/init-services.yaml
sleep 3
kubectl get pods
sleep 3
kubectl get pods
kubectl logs myapp-pod
