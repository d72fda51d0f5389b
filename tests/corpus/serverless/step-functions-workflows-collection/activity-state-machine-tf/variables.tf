variable "region" {
  description = "The AWS Region to use"
  type        = string
  default     = "us-east-1"
}
