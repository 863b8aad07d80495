# kubectl rollout status follows a rolling update through virtual time, one line per observed
# change of the Deployment; history, --revision and undo read its ReplicaSets.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
EOF
kubectl rollout status deployment/web
kubectl get deploy,rs
kubectl set image deployment/web nginx=nginx:1.26 --record
kubectl rollout status deployment/web
kubectl get rs
kubectl rollout history deployment/web
kubectl rollout history deployment/web --revision=2
kubectl rollout history deployment/web --revision=7
kubectl rollout undo deployment/web
kubectl rollout status deploy web --watch=false
kubectl rollout status deploy web
kubectl rollout history deployment/web
kubectl rollout undo deployment/web --to-revision=3
kubectl rollout undo deployment/web --to-revision=9
kubectl describe deployment web
