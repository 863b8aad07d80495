# get -w prints the table, then one row per change during the following sleeps.
kubectl get pods -w
kubectl run web --image=nginx:1.25
kubectl get pods -w
sleep 10
kubectl get pods
kubectl get pods -w --output-watch-events
kubectl delete pod web --wait=false
sleep 5
kubectl get pods
