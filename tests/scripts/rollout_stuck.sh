# A bad image never becomes available: rollout status waits until the progress deadline, and
# --timeout gives up earlier; undo goes back to the working template.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  progressDeadlineSeconds: 60
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx:1.25
EOF
kubectl rollout status deployment/api --timeout=2m
kubectl set image deployment/api api=nginx:1.999
kubectl rollout status deployment/api --timeout=10s
sim time
kubectl rollout status deployment/api
sim time
kubectl get deploy api
kubectl get pods
kubectl describe deployment api
kubectl rollout undo deployment/api
kubectl rollout status deployment/api
kubectl get pods
