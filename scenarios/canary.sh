# Canary with pause/resume: start an update and pause it at once. With maxSurge 1 and
# maxUnavailable 0 the Deployment first adds one pod of the new version next to the four old
# ones, then the pause stops the rollout there: a canary taking a fifth of the traffic. Check it,
# then resume and let the rollout finish (or `kubectl rollout undo` to drop the canary).
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
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
kubectl set image deployment/web nginx=nginx:1.26
kubectl rollout pause deployment/web
sleep 20
kubectl get replicasets
kubectl get pods -L pod-template-hash
kubectl rollout status deployment/web --watch=false
kubectl describe deployment web
# Paused: scaling still works, spread over both ReplicaSets; the template does not roll.
kubectl rollout resume deployment/web
kubectl rollout status deployment/web
kubectl get replicasets
