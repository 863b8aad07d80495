# Rolling update: four nginx replicas move from nginx:1.25 to nginx:1.26. With maxSurge 1 and
# maxUnavailable 1 the Deployment may run 5 pods and must keep 3 available: watch the new
# ReplicaSet grow and the old one shrink, two pods at a time, as readiness probes pass.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 4
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 1
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
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 3
EOF
kubectl rollout status deployment/web
kubectl get deployments,replicasets
# The update: a new pod template, so a new ReplicaSet (revision 2).
kubectl set image deployment/web nginx=nginx:1.26
kubectl annotate deployment/web kubernetes.io/change-cause="nginx 1.25 -> 1.26"
kubectl get replicasets -w
sleep 30
kubectl rollout status deployment/web
kubectl get pods
kubectl describe deployment web
kubectl rollout history deployment/web
