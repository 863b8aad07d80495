sim cluster empty
kubectl get nodes
kubectl run web --image=nginx:1.25
sleep 5
kubectl get pods
kubectl describe pod web
sim node add solo
sleep 5
kubectl get pods -o wide
