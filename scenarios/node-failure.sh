# Node failure: the kubelet of kind-worker stops reporting. After 40s the node is NotReady and
# tainted unreachable; its pods turn not ready; after the default 300s toleration they are evicted
# and stay Terminating until the node comes back.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeName: kind-worker
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 5
sim node fail kind-worker
sleep 45
kubectl get nodes
kubectl get pods -o wide
sleep 5m
kubectl get pods -o wide
sim node recover kind-worker
sleep 10
kubectl get pods -o wide
