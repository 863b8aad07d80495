# A container that exits 1 at once: restarts immediately, then after 10s, 20s, 40s, 80s, 160s,
# 300s, 300s... (CrashLoopBackOff), and RESTARTS shows "N (Xs ago)".
kubectl run crash --image=busybox:1.36 -- /bin/sh -c "echo starting; exit 1"
sleep 3
kubectl get pods
sleep 10
kubectl get pods
sleep 20
kubectl get pods
kubectl logs crash
kubectl logs crash --previous
sleep 5m
kubectl get pods
sleep 10m
kubectl get pods
kubectl describe pod crash
