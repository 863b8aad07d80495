# ReplicaSet: scaling and upgrading. A ReplicaSet keeps `replicas` pods matching its selector:
# scale it up and down, delete a pod and watch it come back. Changing its pod template (a new
# image) does not touch the running pods: only pods created afterwards use it. That is what a
# Deployment adds on top: it rolls the change out for you.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
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
EOF
sleep 10
kubectl get rs,pods
# Scale up, then down. Which pods go first: not yet scheduled, not Ready, Ready for the shortest
# time (on a log scale, so close ages tie and the uid decides; kubectl describe rs shows the
# SuccessfulDelete events).
kubectl scale rs web --replicas=5
sleep 10
kubectl get pods
kubectl scale rs web --replicas=2
sleep 5
kubectl get pods
# A pod dies: the ReplicaSet replaces it.
kubectl delete pod -l app=web --wait=false
sleep 10
kubectl get pods
# Upgrade: the template changes, the pods do not...
kubectl set image rs/web nginx=nginx:1.26
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
# ...until they are replaced.
kubectl delete pod -l app=web --wait=false
sleep 10
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl describe rs web
