# Rollback after a bad image: nginx:1.161 does not exist. The new pods never pull
# (ErrImagePull, then ImagePullBackOff); maxUnavailable keeps three old pods serving, so the
# Deployment stays Available while the rollout is stuck. `rollout undo` goes back to revision 1,
# which comes back as revision 3.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  progressDeadlineSeconds: 60
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
EOF
kubectl rollout status deployment/web
kubectl set image deployment/web nginx=nginx:1.161
kubectl rollout status deployment/web --timeout=30s
kubectl get deployments,replicasets
kubectl get pods
# After progressDeadlineSeconds without progress the Deployment reports it.
kubectl rollout status deployment/web
kubectl describe deployment web
kubectl rollout history deployment/web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl get replicasets
kubectl rollout history deployment/web
