# kubernetes.io "Attach Handlers to Container Lifecycle Events".
kubectl apply -f manifests/lifecycle-events.yaml
sleep 5
kubectl get pod lifecycle-demo
kubectl exec lifecycle-demo -- cat /usr/share/message
kubectl delete pod lifecycle-demo
kubectl get pods
kubectl get events --field-selector involvedObject.name=lifecycle-demo
