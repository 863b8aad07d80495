# Crash loop with back-off: the container exits 1 at once. The kubelet restarts it immediately,
# then waits 10s, 20s, 40s, 80s, 160s and 300s between restarts (CrashLoopBackOff).
kubectl run crash --image=busybox:1.36 -- sh -c "echo starting; sleep 1; echo giving up; exit 1"
sleep 3m
kubectl get pods
kubectl logs crash --previous
kubectl describe pod crash
