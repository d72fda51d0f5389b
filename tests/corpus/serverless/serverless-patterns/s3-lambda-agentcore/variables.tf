variable aws_region {
  type        = string
  default     = "us-east-1"
  description = "Please provide a region name to deploy the resources ex: us-east-1"
}