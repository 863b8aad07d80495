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
