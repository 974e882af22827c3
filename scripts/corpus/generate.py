#!/usr/bin/env python3
"""Generate a synthetic transcript corpus for `baton simulate` timing.

Writes realistic-looking shop conversations (WISMO, sizing, refunds, damaged
items, payment problems, angry customers, API errors, assistant escalations)
as YAML files (one conversation each) or JSON Lines files (several
conversations each). Deterministic for a given --seed.

    python3 scripts/corpus/generate.py --out /tmp/corpus --turns 200000
    time swift run -c release baton simulate rules/ /tmp/corpus --summary-only
"""
import argparse
import json
import os
import random

CUSTOMER = {
    "wismo": ["Where is my order?", "Has my parcel shipped yet?", "When will order {order} arrive?",
              "Tracking hasn't updated in days, where is it?"],
    "sizing": ["Does this jacket run small?", "I'm between a 38 and a 40, which should I pick?",
               "What size is the model wearing?"],
    "refund_request": ["When do I get my refund?", "I sent the shoes back, where is my money?"],
    "damaged_item": ["The lamp arrived broken.", "The box was crushed and the vase is cracked."],
    "missing_item": ["One item is missing from my parcel."],
    "double_charge": ["I was charged twice for {order}!", "Why do I see two payments for one order?"],
    "fraud": ["There's an order I didn't make on my account."],
    "human_request": ["Can I talk to a real person?", "I want an agent now please."],
    "product_question": ["Is this sweater machine washable?", "Do you ship to Austria?",
                         "Does the sofa come assembled?"],
    "complaint": ["This is really disappointing.", "Terrible service, I'm very unhappy.",
                  "This is the worst experience I've ever had!"],
    "greeting": ["Hi!", "Thanks, that's all.", "Great, thank you!"],
    "cancel_order": ["Please cancel my order {order}."],
    "store_hours": ["Are you open on Sundays?"],
}
WEIGHTS = {
    "wismo": 30, "sizing": 12, "refund_request": 8, "damaged_item": 3, "missing_item": 2,
    "double_charge": 2, "fraud": 1, "human_request": 4, "product_question": 20, "complaint": 6,
    "greeting": 8, "cancel_order": 3, "store_hours": 1,
}
BOT = ["Let me check that for you.", "Thanks for waiting.", "Here is what I found.",
       "I'm sorry about that.", "Is there anything else I can help with?"]
ORDER_STATUSES = ["shipped", "shipped", "out_for_delivery", "delivered", "processing", "pending",
                  "lost_in_transit", "held_at_customs"]


def conversation(rng, number, turns):
    session = f"gen-{number:07d}"
    order = f"G-{number:07d}"
    metadata = {"user_id": f"u-{rng.randint(1, 99999)}", "order_id": order,
                "cart_value": round(rng.uniform(10, 1500), 2),
                "tier": rng.choice(["standard"] * 8 + ["silver", "gold", "platinum"]),
                "is_guest": rng.random() < 0.2}
    topic = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    events = []
    while len(events) < turns:
        intent = topic if rng.random() < 0.7 else rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        text = rng.choice(CUSTOMER[intent]).format(order=order)
        event = {"session_id": session, "role": "customer", "text": text,
                 "intents": [{"name": intent, "confidence": round(rng.uniform(0.45, 0.99), 2)}]}
        if not events:
            event["metadata"] = metadata
        events.append(event)
        if len(events) >= turns:
            break
        bot = {"session_id": session, "role": "bot", "text": rng.choice(BOT)}
        if intent in ("wismo", "cancel_order") and rng.random() < 0.8:
            roll = rng.random()
            if roll < 0.05:
                bot["api_results"] = [{"api": "orders", "timed_out": True}]
            elif roll < 0.12:
                bot["api_results"] = [{"api": "orders", "error_code": "upstream", "http_status": 503}]
            else:
                bot["api_results"] = [{"api": "orders", "status": rng.choice(ORDER_STATUSES)}]
        elif intent == "refund_request" and rng.random() < 0.7:
            bot["tool_calls"] = [{"name": "issue_refund", "arguments": {"order_id": order}}]
            bot["api_results"] = [{"api": "payments", "status": rng.choice(["refunded"] * 9 + ["failed"])}]
        elif rng.random() < 0.01:
            bot["tool_calls"] = [{"name": "escalate_to_human", "arguments": {"summary": "The assistant is unsure."}}]
        events.append(bot)
    return session, metadata, events


def yaml_text(session, metadata, events):
    # JSON is valid YAML; flow style keeps the writer dependency-free.
    lines = [f"session: {json.dumps(session)}", f"metadata: {json.dumps(metadata)}", "turns:"]
    for event in events:
        item = {event["role"]: event.get("text")}
        if "intents" in event:
            item["intents"] = {i["name"]: i["confidence"] for i in event["intents"]}
        if "api_results" in event:
            item["api_results"] = event["api_results"]
        if "tool_calls" in event:
            item["tool_calls"] = event["tool_calls"]
        lines.append("  - " + json.dumps(item))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder to write (created)")
    parser.add_argument("--turns", type=int, default=200_000, help="total events")
    parser.add_argument("--per-conversation", type=int, default=10, help="events per conversation")
    parser.add_argument("--format", choices=["jsonl", "yaml"], default="jsonl")
    parser.add_argument("--conversations-per-file", type=int, default=50, help="JSONL only")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    count = (args.turns + args.per_conversation - 1) // args.per_conversation
    written = 0
    batch = []
    for number in range(count):
        turns = min(args.per_conversation, args.turns - written)
        session, metadata, events = conversation(rng, number, turns)
        written += len(events)
        if args.format == "yaml":
            with open(os.path.join(args.out, f"{session}.yaml"), "w") as handle:
                handle.write(yaml_text(session, metadata, events))
        else:
            batch.extend(events)
            if (number + 1) % args.conversations_per_file == 0 or number == count - 1:
                name = os.path.join(args.out, f"chats-{number // args.conversations_per_file:05d}.jsonl")
                with open(name, "w") as handle:
                    handle.writelines(json.dumps(event, separators=(",", ":")) + "\n" for event in batch)
                batch = []
    print(f"wrote {written} events in {count} conversations to {args.out}")


if __name__ == "__main__":
    main()
