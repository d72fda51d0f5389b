variable aws_region_name {
    type = string
    default = "ap-south-1"
    description = "AWS Region"
}

variable "s3_bucket_name" {
    type = string
    default = "my-bucket-20250329"
    description = "S3 Bucket name"
}