# The Pod: sandbox IP, phases, conditions, logs, exec, labels, -o yaml.
kubectl run web --image=nginx:1.25 --port=80 --labels=app=web,tier=front
kubectl get pods
sleep 1
kubectl get pods
sleep 5
kubectl get pods -o wide
kubectl get pods --show-labels
kubectl get pods -l app=web -o name
kubectl label pod web env=prod
kubectl label pod web env=dev
kubectl label pod web env=dev --overwrite
kubectl label pod web tier-
kubectl annotate pod web owner=team-a
kubectl describe pod web
kubectl logs web
kubectl exec web -- ls /usr/share/nginx/html
kubectl exec web -- cat /nope
kubectl get pod web -o yaml
kubectl get pod web -o json
kubectl create namespace dev
kubectl run api -n dev --image=busybox:1.36 --restart=Never -- sh -c "echo hello from dev; sleep 1"
sleep 6
kubectl get pods -A
kubectl logs api -n dev
kubectl get pods -n dev -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,NODE:.spec.nodeName
