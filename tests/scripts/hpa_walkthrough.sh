# The kubernetes.io HorizontalPodAutoscaler walkthrough: php-apache (requests 200m, limits 500m),
# `kubectl autoscale --cpu-percent=50`, one load generator at 100 requests/s (691m of demand).
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
EOF
sleep 30
kubectl get pods
kubectl top pods
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
kubectl get hpa
sleep 15
kubectl get hpa
kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
sleep 15
kubectl get hpa
kubectl top pods
sleep 15
kubectl get hpa
kubectl get deployment php-apache
sleep 15
kubectl get hpa
sleep 15
kubectl get hpa
kubectl get deployment php-apache
sleep 2m
kubectl get hpa
kubectl top pods
kubectl top nodes
kubectl get endpoints php-apache
kubectl logs php-apache-75c77cb94-779xt --tail=2
kubectl describe hpa php-apache
kubectl get hpa php-apache -o yaml
kubectl delete pod load-generator
kubectl get hpa
sleep 15
kubectl get hpa
sleep 5m
kubectl get hpa
kubectl get deployment php-apache
sleep 15
kubectl get deployment php-apache
sleep 15
kubectl get hpa
kubectl get deployment php-apache
kubectl describe hpa php-apache
