# Node affinity: a required rule (zone zone-b or zone-c) and a preferred rule (disktype=ssd).
kubectl label nodes kind-worker3 disktype=ssd
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: zoned
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: topology.kubernetes.io/zone
            operator: In
            values: ["zone-b", "zone-c"]
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 80
        preference:
          matchExpressions:
          - key: disktype
            operator: In
            values: ["ssd"]
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: nowhere
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: topology.kubernetes.io/zone
            operator: In
            values: ["zone-x"]
  containers:
  - name: app
    image: nginx:1.25
EOF
sleep 5
kubectl get pods -o wide
kubectl describe pod nowhere
