from aws_durable_execution_sdk_python.config import Duration
from aws_durable_execution_sdk_python.context import DurableContext, StepContext, durable_step
from aws_durable_execution_sdk_python.execution import durable_execution
import datetime
import json
import os
import uuid

# Get function names from environment variables
RESERVE_FLIGHT_FUNCTION = os.environ.get('RESERVE_FLIGHT_FUNCTION', 'saga-reserve-flight')
CANCEL_FLIGHT_FUNCTION = os.environ.get('CANCEL_FLIGHT_FUNCTION', 'saga-cancel-flight')
RESERVE_HOTEL_FUNCTION = os.environ.get('RESERVE_HOTEL_FUNCTION', 'saga-reserve-hotel')
CANCEL_HOTEL_FUNCTION = os.environ.get('CANCEL_HOTEL_FUNCTION', 'saga-cancel-hotel')
RESERVE_CAR_FUNCTION = os.environ.get('RESERVE_CAR_FUNCTION', 'saga-reserve-car')
CANCEL_CAR_FUNCTION = os.environ.get('CANCEL_CAR_FUNCTION', 'saga-cancel-car')


@durable_execution
def lambda_handler(event: dict, context: DurableContext) -> dict:
    """
    Saga orchestrator that coordinates distributed transactions across flight, hotel, and car services.
    Implements compensating transactions (cancellations) if any step fails.
    Uses context.invoke() calls which are checkpointed durable operations.
    """
    context.logger.info("Saga workflow started")

    # Generate unique IDs inside a step to ensure determinism during replay
    generated_ids = context.step(
        lambda _: {
            "transaction_id": str(uuid.uuid4()),
            "booking_id": str(uuid.uuid4()),
            "reservation_id": str(uuid.uuid4()),
            "rental_id": str(uuid.uuid4()),
            "flight_number_suffix": uuid.uuid4().hex[:6].upper(),
            "today": datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        },
        name="generate-ids"
    )

    transaction_id = generated_ids["transaction_id"]
    booking_id = None
    reservation_id = None
    rental_id = None

    try:
        # Step 1: Reserve the flight
        context.logger.info("Step 1: Reserving flight...")
        flight_data = {
            "bookingId": generated_ids["booking_id"],
            "passengerName": event.get("passengerName", "John Doe"),
            "flightNumber": event.get("flightNumber", f"FL{generated_ids['flight_number_suffix']}"),
            "departure": event.get("departure", "JFK"),
            "destination": event.get("destination", "LAX"),
            "price": event.get("flightPrice", 299.99),
            "failBookFlight": event.get("failBookFlight", False)
        }

        flight_result = context.invoke(
            function_name=RESERVE_FLIGHT_FUNCTION,
            payload=flight_data,
            name="reserve_flight_invocation"
        )

        booking_id = flight_result.get('bookingId')
        context.logger.info(f"Flight reserved successfully: {booking_id}")

        # Step 2: Reserve hotel
        context.logger.info("Step 2: Reserving hotel...")
        hotel_data = {
            "reservationId": generated_ids["reservation_id"],
            "guestName": event.get("guestName", "John Doe"),
            "hotelName": event.get("hotelName", "Grand Hotel"),
            "roomType": event.get("roomType", "Deluxe Suite"),
            "checkIn": event.get("checkIn", generated_ids["today"]),
            "checkOut": event.get("checkOut", generated_ids["today"]),
            "price": event.get("hotelPrice", 199.99),
            "failBookHotel": event.get("failBookHotel", False)
        }

        hotel_result = context.invoke(
            function_name=RESERVE_HOTEL_FUNCTION,
            payload=hotel_data,
            name="reserve_hotel_invocation"
        )

        reservation_id = hotel_result.get('reservationId')
        context.logger.info(f"Hotel reserved successfully: {reservation_id}")

        # Step 3: Reserve car
        context.logger.info("Step 3: Reserving car...")
        car_data = {
            "rentalId": generated_ids["rental_id"],
            "driverName": event.get("driverName", "John Doe"),
            "carType": event.get("carType", "Sedan"),
            "pickupLocation": event.get("pickupLocation", "Airport"),
            "dropoffLocation": event.get("dropoffLocation", "Airport"),
            "pickupDate": event.get("pickupDate", generated_ids["today"]),
            "dropoffDate": event.get("dropoffDate", generated_ids["today"]),
            "price": event.get("carPrice", 89.99),
            "failBookCar": event.get("failBookCar", False)
        }

        car_result = context.invoke(
            function_name=RESERVE_CAR_FUNCTION,
            payload=car_data,
            name="reserve_car_invocation"
        )

        rental_id = car_result.get('rentalId')
        context.logger.info(f"Car reserved successfully: {rental_id}")

        # All reservations successful
        context.logger.info("All reservations completed successfully!")

        return {
            "success": True,
            "transactionId": transaction_id,
            "message": "All travel arrangements completed successfully",
            "bookings": {
                "flight": booking_id,
                "hotel": reservation_id,
                "car": rental_id
            }
        }

    except Exception as e:
        # Saga compensation: rollback all successful reservations in reverse order
        context.logger.error(f"Error in saga workflow: {str(e)}")
        context.logger.info("Starting compensation (rollback) process...")

        compensation_results = []

        # Cancel car if it was reserved
        if rental_id:
            try:
                context.logger.info(f"Compensating: Cancelling car rental {rental_id}")
                context.invoke(
                    function_name=CANCEL_CAR_FUNCTION,
                    payload={"rentalId": rental_id},
                    name="cancel_car_invocation"
                )
                compensation_results.append({"car": "cancelled", "rentalId": rental_id})
            except Exception as cancel_error:
                context.logger.error(f"Failed to cancel car: {str(cancel_error)}")
                compensation_results.append({"car": "cancellation_failed", "error": str(cancel_error)})

        # Cancel hotel if it was reserved
        if reservation_id:
            try:
                context.logger.info(f"Compensating: Cancelling hotel reservation {reservation_id}")
                context.invoke(
                    function_name=CANCEL_HOTEL_FUNCTION,
                    payload={"reservationId": reservation_id},
                    name="cancel_hotel_invocation"
                )
                compensation_results.append({"hotel": "cancelled", "reservationId": reservation_id})
            except Exception as cancel_error:
                context.logger.error(f"Failed to cancel hotel: {str(cancel_error)}")
                compensation_results.append({"hotel": "cancellation_failed", "error": str(cancel_error)})

        # Cancel flight if it was reserved
        if booking_id:
            try:
                context.logger.info(f"Compensating: Cancelling flight booking {booking_id}")
                context.invoke(
                    function_name=CANCEL_FLIGHT_FUNCTION,
                    payload={"bookingId": booking_id},
                    name="cancel_flight_invocation"
                )
                compensation_results.append({"flight": "cancelled", "bookingId": booking_id})
            except Exception as cancel_error:
                context.logger.error(f"Failed to cancel flight: {str(cancel_error)}")
                compensation_results.append({"flight": "cancellation_failed", "error": str(cancel_error)})

        context.logger.info("Compensation process completed")

        error_details = {
            "transactionId": transaction_id,
            "originalError": str(e),
            "compensations": compensation_results,
            "message": f"Transaction failed and rolled back: {str(e)}"
        }

        raise Exception(f"Saga transaction failed and compensated. Details: {json.dumps(error_details)}")
