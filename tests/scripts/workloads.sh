# create deployment, expose, autoscale, describe deployment/rs/hpa, logs/exec on a deployment,
# top, get all and delete --cascade.
kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80
kubectl create deployment web --image=nginx:1.25
kubectl create deployment sleeper --image=busybox:1.36 -- sleep 3600
kubectl create deployment web2 --image=nginx:1.25 --dry-run=client -o yaml
kubectl expose deployment web --port=8080 --target-port=80
kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=60
kubectl autoscale deployment sleeper --max=3
kubectl get hpa
sleep 30
kubectl get all
kubectl describe rs -l app=web
kubectl describe hpa sleeper
kubectl logs deploy/web
kubectl exec deploy/sleeper -- echo hello
kubectl top pod
kubectl top pod -l app=web --containers
kubectl top node --sort-by=memory
kubectl top pod --sort-by=size
kubectl delete deployment sleeper --cascade=orphan
kubectl delete deployment web
sleep 5
kubectl get all
