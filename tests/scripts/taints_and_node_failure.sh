# Taints and tolerations (NoSchedule, NoExecute eviction with tolerationSeconds), cordon, drain, and
# a node failure: NotReady after 40s, unreachable taints, eviction after the default 300s.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  nodeName: kind-worker
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: tolerant
spec:
  nodeName: kind-worker
  tolerations:
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 60
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 5
kubectl taint nodes kind-worker maintenance=now:NoExecute
sleep 2
kubectl get pods
sleep 60
kubectl get pods
kubectl describe node kind-worker
kubectl taint nodes kind-worker maintenance=now:NoExecute
kubectl taint nodes kind-worker maintenance:NoExecute-
kubectl taint nodes kind-worker maintenance:NoExecute-
kubectl taint nodes kind-worker dedicated
kubectl taint nodes kind-worker dedicated=x:Sometimes
kubectl cordon kind-worker2
kubectl cordon kind-worker2
kubectl get nodes
kubectl run web --image=nginx:1.25
sleep 5
kubectl get pods -o wide
kubectl drain kind-worker3
kubectl drain kind-worker3 --force
kubectl get pods
kubectl uncordon kind-worker2 kind-worker3
kubectl run api --image=nginx:1.25
sleep 5
kubectl get pods -o wide
sim node fail kind-worker3
sleep 45
kubectl get nodes
kubectl get pods
kubectl describe pod api
sleep 5m
kubectl get pods
sim node recover kind-worker3
sleep 10
kubectl get nodes
kubectl get pods
