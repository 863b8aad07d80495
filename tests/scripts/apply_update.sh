# kubectl apply: created, unchanged, configured; a new image restarts the container; other pod
# fields are immutable.
kubectl apply -f manifests/web-pod.yaml
sleep 5
kubectl apply -f manifests/web-pod.yaml
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
    image: nginx:1.26
EOF
sleep 5
kubectl get pods
kubectl describe pod web
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  restartPolicy: Never
  containers:
  - name: nginx
    image: nginx:1.26
EOF
kubectl create -f manifests/web-pod.yaml
kubectl apply -f manifests/
kubectl get pods,services
kubectl delete -f manifests/web-pod.yaml
