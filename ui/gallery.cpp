#include "gallery.h"

namespace podplay::ui {

const std::vector<GalleryItem>& manifestGallery() {
  static const std::vector<GalleryItem> items = {
      {"Pod: nginx", R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
)"},
      {"Deployment: 3 replicas", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        resources:
          requests:
            cpu: 500m
            memory: 256Mi
)"},
      {"Deployment: rolling update", R"(# A rolling update. Apply, wait until 4/4 are ready, then change the image:
# the Rollout view's "Set image", or  kubectl set image deployment/web nginx=nginx:1.26
# The new ReplicaSet scales up while the old one scales down (maxSurge 1,
# maxUnavailable 1); "Undo" rolls back to the previous revision.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 4
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 1
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
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 2
)"},
      {"Deployment: canary (pause)", R"(# A canary with pause: start a rollout and pause it at once, so only the first
# new pod runs next to the old ones. Check it, then resume (or undo):
#   kubectl set image deployment/shop app=nginx:1.26
#   kubectl rollout pause deployment/shop
#   kubectl rollout resume deployment/shop     (or: kubectl rollout undo deployment/shop)
# The Service sends traffic to old and new pods alike.
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 5
  minReadySeconds: 10
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: app
        image: nginx:1.25
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 2
)"},
      {"HPA: php-apache + HPA", R"(# The HorizontalPodAutoscaler walkthrough (kubernetes.io): php-apache behind a
# Service, scaled between 1 and 10 replicas to keep CPU at 50% of its request.
# Then load it: the HPA view's "Start load", or
#   kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
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
---
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
)"},
      {"Deployment: invalid (errors on lines)", R"(# Apply this: the API server rejects it, and each cause is shown on its line
# (a missing field on its nearest parent).
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: -1
  selector:
    matchLabels:
      app: broken
  template:
    metadata:
      labels:
        app: broken
    spec:
      containers:
      - name: app
        ports:
        - containerPort: 80
)"},
      {"Pod: crash loop", R"(apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "exit 1"]
)"},
      {"Pod: bad image", R"(apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: app
    image: ngnix:latest
)"},
      {"Pod: too big to schedule", R"(apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "64"
        memory: 512Gi
)"},
      {"Pod: tolerates a taint", R"(apiVersion: v1
kind: Pod
metadata:
  name: tolerant
spec:
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  nodeSelector:
    kubernetes.io/hostname: node-1
  containers:
  - name: app
    image: nginx
)"},
      {"Job: runs to completion", R"(apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        command: ["sh", "-c", "sleep 5"]
)"},
      {"DaemonSet: one per node", R"(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sh", "-c", "sleep infinity"]
)"},
      {"Pod: probes", R"(apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: app
    image: nginx
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      initialDelaySeconds: 10
      periodSeconds: 5
)"},
  };
  return items;
}

}  // namespace podplay::ui
