# A tag that does not exist: ErrImagePull, then ImagePullBackOff with a growing back-off.
kubectl run web --image=nginx:1.161
sleep 3
kubectl get pods
sleep 10
kubectl get pods
sleep 60
kubectl describe pod web
kubectl logs web
kubectl set image pod/web web=nginx:1.25
kubectl delete pod web --now
kubectl run bad --image=NGINX
sleep 2
kubectl get pods
kubectl run never --image=nginx:1.27 --image-pull-policy=Never
sleep 2
kubectl get pods never
