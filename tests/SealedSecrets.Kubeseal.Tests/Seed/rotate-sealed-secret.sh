# Rotation script for Sealed Secrets
# Run when a secret value changes
#!/bin/bash
set -euo pipefail

SECRET_NAME=$1
NAMESPACE=$2
KEY=$3
NEW_VALUE=$4

# Create new secret with updated value
kubectl create secret generic "$SECRET_NAME" \
  --namespace="$NAMESPACE" \
  --from-literal="$KEY=$NEW_VALUE" \
  --dry-run=client -o yaml | \
  kubeseal --format=yaml --merge-into \
  "apps/checkout-service/overlays/$NAMESPACE/sealed-secrets.yaml"

echo "Sealed secret updated. Commit and push to trigger ArgoCD sync."
