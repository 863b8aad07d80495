# Until the scheduling issue: the scheduler filters by taints, nodeSelector/affinity and requests,
# reports FailedScheduling with Kubernetes' histogram, and retries when a node is added.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: "6"
        memory: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 2
kubectl get pods
kubectl describe pod huge
kubectl get events --field-selector reason=FailedScheduling
sim node add big --cpu 8 --memory 16Gi --label disktype=ssd
sleep 5
kubectl get pods -o wide
kubectl describe node big
