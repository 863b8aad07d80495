# Taints and tolerations with NoExecute eviction: a NoExecute taint evicts pods that do not tolerate
# it at once; a pod tolerating it for 30s is evicted 30s later; NoSchedule keeps new pods away.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: intolerant
spec:
  nodeName: kind-worker
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: tolerates-30s
spec:
  nodeName: kind-worker
  tolerations:
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 30
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 5
kubectl taint nodes kind-worker maintenance=true:NoExecute
sleep 5
kubectl get pods
sleep 30
kubectl get pods
kubectl get events --field-selector reason=TaintManagerEviction
