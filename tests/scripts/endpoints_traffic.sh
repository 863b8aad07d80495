# Endpoints follow the pods a Service selects (ready -> addresses, not ready -> notReadyAddresses);
# wget/curl from a container reach a ready endpoint through the Service name, any DNS form, the
# ClusterIP (port mapped to the named targetPort) or a pod IP; no ready endpoint -> refused.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - name: http
          containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: http
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
spec:
  selector:
    app: web
  ports:
  - name: www
    port: 8080
    targetPort: http
EOF
kubectl run client --image=busybox:1.36 -- sleep 3600
kubectl get endpoints web
sleep 3
kubectl get endpoints web -o yaml
sleep 7
kubectl get pods -o wide
kubectl get endpoints
kubectl describe service web
kubectl exec client -- wget -qO- http://web:8080/
kubectl exec client -- wget -O /dev/null http://web.default:8080/
kubectl exec client -- wget -qO- http://web.default.svc.cluster.local:8080/missing
kubectl exec client -- wget -qO- http://web/
kubectl exec client -- nslookup web
kubectl logs deploy/web --tail=3
kubectl exec client -- sh -c 'wget -qO- http://10.244.2.2/ | head -n 4'
kubectl exec client -- wget -qO- http://10.244.2.2:8080/
kubectl logs web-cdb99f5bc-shgmg --tail=2
# One pod loses its page: its readiness probe fails (3 x 5s) and the Endpoints move it to
# notReadyAddresses; all traffic goes to the other pod.
kubectl exec web-cdb99f5bc-779xt -- rm /usr/share/nginx/html/index.html
sleep 15
kubectl get pods
kubectl get endpoints web
kubectl get endpoints web -o jsonpath='{.subsets[0].notReadyAddresses[0].targetRef.name}{"\n"}'
kubectl exec client -- sh -c 'for i in 1 2 3 4 5 6; do wget -q -O /dev/null http://web:8080/; done'
kubectl logs web-cdb99f5bc-shgmg --tail=6
# No ready endpoint at all: kube-proxy rejects the connection.
kubectl scale deployment web --replicas=0
sleep 5
kubectl get endpoints web
kubectl exec client -- wget http://web:8080/
kubectl delete service web
kubectl get endpoints
