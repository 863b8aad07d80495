# Readiness never restarts: removing nginx's index page makes the httpGet probe fail (403), the pod
# goes 0/1 but keeps running; restoring it makes it Ready again.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
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
      periodSeconds: 5
      failureThreshold: 2
EOF
sleep 10
kubectl get pods
kubectl exec web -- rm /usr/share/nginx/html/index.html
sleep 12
kubectl get pods
kubectl describe pod web
kubectl exec web -- sh -c "echo hello > /usr/share/nginx/html/index.html"
sleep 5
kubectl get pods
