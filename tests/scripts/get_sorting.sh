# get --sort-by (kubectl get/sorter.go), jsonpath over a one-item list, multi-kind "No resources found".
kubectl get rs,pods
kubectl get deploy,rs
kubectl get deploy,rs -A
kubectl get deploy,nodes
kubectl get pods --sort-by=.metadata.name
kubectl get pods --sort-by=.metadata.foo
kubectl run web --image=nginx:1.25 --labels=rank=10
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}'
kubectl get pods -o jsonpath='{.items[0].metadata.name}{"\n"}'
kubectl get pods -o jsonpath='{range .items}[{.metadata.name}]{end}{"\n"}'
kubectl get pod web -o jsonpath='{.metadata.name}{"\n"}'
kubectl get pods --sort-by=.metadata.foo
kubectl get pods --sort-by=.metadata.foo -o name
kubectl get pod web --sort-by=.metadata.foo -o name
sleep 5
kubectl run api --image=busybox:1.36 --labels=rank=9 -- sleep 3600
kubectl run zed --image=nginx:1.25 --labels=rank=100
sleep 2
kubectl run cache --image=redis:7
kubectl get pods
kubectl get pods --sort-by=.metadata.creationTimestamp
kubectl get pods --sort-by='{.metadata.labels.rank}'
kubectl get pods --sort-by=metadata.labels.rank -o name
kubectl get pods --sort-by='{.spec.containers[0].image}' -o wide
kubectl get pods --sort-by=.spec.containers[0].image -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl get pods --sort-by=.metadata.creationTimestamp -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.metadata.labels.rank}{"\n"}{end}'
kubectl get pods --sort-by=.metadata.creationTimestamp --no-headers -L rank
kubectl get pods --sort-by=.metadata.foo
kubectl get pods --sort-by=.metadata.foo -o name
kubectl get pods --sort-by='{.metadata.name'
kubectl get pods --sort-by='{.metadata.name' -o name
sim node add small --cpu 500m --memory 512Mi
sim node add big --cpu 16 --memory 64Gi
kubectl get nodes --sort-by=.status.capacity.cpu
kubectl get nodes --sort-by=.status.capacity.memory -o name
kubectl create deployment app --image=nginx:1.25 --replicas=2
sleep 10
kubectl get deploy,pods --sort-by=.metadata.name -o name
kubectl get deploy,pods --sort-by=.status.replicas
kubectl get events --sort-by=.lastTimestamp -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name --no-headers
