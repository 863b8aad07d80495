# kubectl scale: confirmations, preconditions and errors; the ReplicaSet controller follows.
kubectl create deployment web --image=nginx:1.25
kubectl scale deployment web --replicas=3
kubectl get pods
sleep 10
kubectl get deploy web
kubectl scale deployment/web --replicas=1 --current-replicas=2
kubectl scale deployment/web --replicas=1 --current-replicas=3
sleep 5
kubectl get pods
kubectl scale deploy web --replicas=0 -o name
kubectl scale deploy web --replicas=2 --dry-run=client
kubectl get deploy web
kubectl scale deployment web
kubectl scale deployment web --replicas=many
kubectl scale deployment web --replicas=-3
kubectl scale deployment nope --replicas=1
kubectl scale deployment --replicas=1
kubectl scale --replicas=1
kubectl scale pod/x --replicas=1
kubectl scale deployment web --replicas=2 --timeout=1m
kubectl get deploy,rs
