# Liveness vs readiness: both pods serve nginx's index page. Removing it makes the readiness probe
# fail (the pod stays, 0/1, and would leave Service endpoints) and the liveness probe fail (the
# container is killed and restarted, which brings the page back).
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ready-web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
---
apiVersion: v1
kind: Pod
metadata:
  name: live-web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    livenessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
EOF
sleep 10
kubectl get pods
kubectl exec ready-web -- rm /usr/share/nginx/html/index.html
kubectl exec live-web -- rm /usr/share/nginx/html/index.html
sleep 20
kubectl get pods
kubectl describe pod live-web
