#! Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
#  SPDX-License-Identifier: MIT-0
def handler(event, context):
    return {
        "body":"Invoked Successfully",
        "statusCode": 200
    }