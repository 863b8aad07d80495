# rollout pause / resume / restart and their errors; a paused Deployment keeps its pods while
# its template changes, and rolls out once resumed.
kubectl create deployment web --image=nginx:1.25 --replicas=2
kubectl rollout status deployment/web
kubectl rollout pause deployment/web
kubectl rollout pause deployment/web
kubectl set image deployment/web nginx=nginx:1.26
kubectl set resources deployment web --limits=cpu=200m,memory=128Mi --requests=cpu=100m
sleep 10
kubectl get rs
kubectl rollout status deployment/web --watch=false
kubectl rollout undo deployment/web
kubectl rollout restart deployment/web
kubectl rollout resume deployment/web
kubectl rollout resume deployment/web
kubectl rollout status deployment/web
kubectl get rs
kubectl rollout restart deployment/web
kubectl rollout restart deployment/web
kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations}{"\n"}'
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout pause pod/nope
kubectl rollout status rs
kubectl rollout history svc/kubernetes
kubectl rollout foo deployment/web
