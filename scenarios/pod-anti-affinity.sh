# Pod anti-affinity spreading: each "web" pod refuses to share a node (kubernetes.io/hostname) with
# another; three workers take three pods, the fourth stays Pending. A "cache" pod with pod affinity
# follows the web pods into their zone.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels:
    app: web
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: web
        topologyKey: kubernetes.io/hostname
  containers:
  - name: nginx
    image: nginx:1.25
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web-2
  labels:
    app: web
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: web
        topologyKey: kubernetes.io/hostname
  containers:
  - name: nginx
    image: nginx:1.25
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web-3
  labels:
    app: web
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: web
        topologyKey: kubernetes.io/hostname
  containers:
  - name: nginx
    image: nginx:1.25
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web-4
  labels:
    app: web
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: web
        topologyKey: kubernetes.io/hostname
  containers:
  - name: nginx
    image: nginx:1.25
---
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: web
        topologyKey: topology.kubernetes.io/zone
  containers:
  - name: redis
    image: redis:7
EOF
sleep 5
kubectl get pods -o wide
kubectl describe pod web-4
