# sim kill: a container dies with an exit code or OOM; the kubelet restarts it.
kubectl run web --image=nginx:1.25
sleep 5
sim kill pod/web --exit-code 2
kubectl get pods
sleep 1
kubectl get pod web
sim kill pod/web --oom
sleep 2
kubectl get pod web
kubectl describe pod web
sim kill pod/web -c nope
sim kill pod/nope
sim time
