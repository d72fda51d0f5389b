// shard count
variable "shard_count" {
  default = 1
}