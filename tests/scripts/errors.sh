# Bad input: each gets one clear error in kubectl's / the API server's words; nothing is lost.
kubectl run keep --image=nginx:1.25
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: web
    image: nginx
     ports: 80
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: Web_1
spec:
  restartPolicy: Sometimes
  containers:
  - name: web
    image: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: web
    imagee: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: badport
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: "eighty"
EOF
kubectl apply -f https://k8s.io/examples/pods/simple-pod.yaml
kubectl apply -f no-such-file.yaml
kubectl get pods --foo
kubectl get foos
kubectl get pod nothere
kubectl describe pod nothere
kubectl delete pod nothere
kubectl logs nothere
kubectl frobnicate
helm install x
sleep forever
sleep 5
kubectl run keep --image=nginx:1.25
kubectl get pods
