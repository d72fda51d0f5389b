variable "app" {
  description = "Application prefix for the AWS services that are built"
}

variable "stage_name" {
}
variable "jar_name" {
  
}