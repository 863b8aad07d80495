# spec.nodeName bypasses the scheduler: no Scheduled event; the kubelet admits by resources only;
# a pod bound to a node that does not exist stays Pending until PodGC removes it.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeName: kind-control-plane
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: too-big
spec:
  nodeName: kind-worker
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: "8"
---
apiVersion: v1
kind: Pod
metadata:
  name: ghost
spec:
  nodeName: no-such-node
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 5
kubectl get pods -o wide
kubectl describe pod too-big
kubectl get events --field-selector involvedObject.name=pinned
sleep 60
kubectl get pods
