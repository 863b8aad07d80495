# The default cluster (kind-like, three workers) and sim node add.
kubectl get nodes
kubectl get nodes -o wide
kubectl get nodes --show-labels
kubectl describe node kind-worker
sim node add big-node --label disktype=ssd --taint dedicated=gpu:NoSchedule --cpu 16 --memory 64Gi --pods 250
kubectl get nodes -L disktype
kubectl get node big-node -o jsonpath='{.spec.taints}{"\n"}{.status.capacity}{"\n"}'
kubectl get namespaces
kubectl get all
