# HorizontalPodAutoscaler under load (the kubernetes.io walkthrough). php-apache burns ~6.9ms of CPU
# per request; each pod requests 200m and may use up to 500m. The HPA keeps the average at 50% of
# the request. Watch TARGETS and REPLICAS: one pod is throttled at its limit (250%), the HPA scales
# up at most to max(2x, 4) per sync and settles near 50%; after the load stops it waits out its
# 5-minute window (the highest recent recommendation wins) before scaling back to 1.
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
# The autoscaler (what `kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10`
# creates). Its first sync is 15s after creation; until then TARGETS is <unknown>.
kubectl apply -f - <<EOF
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
EOF
kubectl get hpa
sleep 30
kubectl get hpa
# 100 requests per second through the Service: 691m of demand for a pod limited to 500m.
kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
sleep 30
kubectl get hpa
kubectl top pods
# New pods count as 0% until they have a whole metrics window; the window of past recommendations
# keeps the count from dropping back meanwhile.
sleep 1m
kubectl get hpa
kubectl get deployment php-apache
sleep 2m
kubectl get hpa
kubectl top pods
# Stop the load at 4m (the shell ignores SIGTERM: the pod goes after its 30s grace period).
kubectl delete pod load-generator
sleep 1m
kubectl get hpa
# Still 7 replicas at 9m30s: the last recommendation of 7 (the 4m30s sync, which saw the last
# loaded window) is not older than 5 minutes yet.
sleep 4m
kubectl get hpa
# The 9m45s sync no longer counts it and scales to 1; REPLICAS is the count a sync started from.
sleep 90
kubectl get hpa
kubectl get deployment php-apache
kubectl describe hpa php-apache
