"""Contract reference backend (a test fixture, not the product): FastAPI + SQLModel + PyJWT on the bundle's tables.

Run: DATABASE_URL=postgresql://… JWT_SECRET_KEY=… /usr/bin/python3 -m uvicorn app:app --app-dir tests/Fixtures/backend
"""
import os
import sys
import time
from datetime import datetime, timezone
from typing import List, Optional
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field as PydanticField
from sqlalchemy import text
from sqlmodel import Session, create_engine, select

import faults
from auth import authorize
from models import Conversation, Message, Task

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL.startswith(("postgresql://", "postgres://")):
    sys.exit("backend fixture: DATABASE_URL must be set to postgresql://USER:PASSWORD@HOST:PORT/todo?sslmode=…")

# pool_pre_ping: after PostgreSQL restarts, the next request gets a fresh connection instead of a dead one.
engine = create_engine(DATABASE_URL.replace("postgres://", "postgresql://", 1), pool_pre_ping=True,
                       connect_args={"connect_timeout": 3})
app = FastAPI(title="todo-backend fixture")


def _origin(url: str) -> str:
    """What a browser sends as Origin for pages of url: scheme://host[:port], no path, no trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


FRONTEND_URL = os.environ.get("FRONTEND_URL", "")
if not FRONTEND_URL.startswith(("http://", "https://")):
    sys.exit("backend fixture: FRONTEND_URL must be the frontend's URL (http[s]://…): it is the CORS allow-list")

# docs/contract.md, "CORS": exactly the frontend's origin, with credentials, the API's methods and the Authorization header.
if faults.active("cors-any-origin"):
    ALLOWED_ORIGINS = ["*"]
elif faults.active("cors-refuse-frontend"):
    ALLOWED_ORIGINS = ["https://another-frontend.example"]
else:
    ALLOWED_ORIGINS = [_origin(FRONTEND_URL)]
app.add_middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS, allow_credentials=True,
                   allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"], allow_headers=["authorization", "content-type"])


def session():
    with Session(engine) as s:
        yield s


class TaskCreate(BaseModel):
    title: str = PydanticField(min_length=1, max_length=200)
    description: Optional[str] = PydanticField(default=None, max_length=1000)


class TaskUpdate(BaseModel):
    title: Optional[str] = PydanticField(default=None, min_length=1, max_length=200)
    description: Optional[str] = PydanticField(default=None, max_length=1000)
    completed: Optional[bool] = None


class ChatRequest(BaseModel):
    message: str = PydanticField(min_length=1)
    conversation_id: Optional[int] = None


_health_answered = False


@app.get("/health")
def health():
    global _health_answered
    # The first answer comes at once, so whatever waits for the backend to start sees it start; from then on the
    # backend has "become slow". A sync endpoint sleeps in the thread pool: other requests go on meanwhile.
    if faults.active("slow-health") and _health_answered:
        time.sleep(faults.HEALTH_DELAY_SECONDS)
    _health_answered = True
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # any failure to reach PostgreSQL is the contract's "database": "error"
        return JSONResponse({"status": "error", "database": "error"}, status_code=503)
    return {"status": "ok", "database": "ok"}


def _owned_task(s: Session, user_id: str, task_id: int) -> Task:
    task = s.get(Task, task_id)
    if task is None or task.user_id != user_id:
        raise HTTPException(status_code=404, detail="task not found")
    return task


def _touch(task: Task) -> None:
    task.updated_at = datetime.now(timezone.utc)


@app.get("/api/{user_id}/tasks", response_model=List[Task])
def list_tasks(request: Request, user_id: str, s: Session = Depends(session)):
    authorize(request, user_id)
    return s.exec(select(Task).where(Task.user_id == user_id).order_by(Task.id)).all()


@app.post("/api/{user_id}/tasks", response_model=Task, status_code=201)
def create_task(request: Request, user_id: str, body: TaskCreate, s: Session = Depends(session)):
    authorize(request, user_id)
    task = Task(user_id=user_id, title=body.title, description=body.description)
    s.add(task)
    s.commit()
    s.refresh(task)
    return task


@app.get("/api/{user_id}/tasks/{task_id}", response_model=Task)
def get_task(request: Request, user_id: str, task_id: int, s: Session = Depends(session)):
    authorize(request, user_id)
    return _owned_task(s, user_id, task_id)


@app.put("/api/{user_id}/tasks/{task_id}", response_model=Task)
def update_task(request: Request, user_id: str, task_id: int, body: TaskUpdate, s: Session = Depends(session)):
    authorize(request, user_id)
    task = _owned_task(s, user_id, task_id)
    for name, value in body.dict(exclude_unset=True).items():
        setattr(task, name, value)
    _touch(task)
    s.add(task)
    s.commit()
    s.refresh(task)
    return task


@app.delete("/api/{user_id}/tasks/{task_id}", status_code=204)
def delete_task(request: Request, user_id: str, task_id: int, s: Session = Depends(session)):
    authorize(request, user_id)
    s.delete(_owned_task(s, user_id, task_id))
    s.commit()
    return Response(status_code=204)


@app.patch("/api/{user_id}/tasks/{task_id}/complete", response_model=Task)
def toggle_complete(request: Request, user_id: str, task_id: int, s: Session = Depends(session)):
    authorize(request, user_id)
    task = _owned_task(s, user_id, task_id)
    task.completed = not task.completed
    _touch(task)
    s.add(task)
    s.commit()
    s.refresh(task)
    return task


@app.post("/api/{user_id}/chat")
def chat(request: Request, user_id: str, body: ChatRequest, s: Session = Depends(session)):
    """Stores the turn in conversations/messages; the reply is canned (the fixture has no model)."""
    authorize(request, user_id)
    if body.conversation_id is None:
        conversation = Conversation(user_id=user_id)
        s.add(conversation)
        s.flush()
    else:
        conversation = s.get(Conversation, body.conversation_id)
        if conversation is None or conversation.user_id != user_id:
            raise HTTPException(status_code=404, detail="conversation not found")
    reply = f"fixture backend has no model; you said: {body.message}"
    s.add(Message(user_id=user_id, conversation_id=conversation.id, role="user", content=body.message))
    s.add(Message(user_id=user_id, conversation_id=conversation.id, role="assistant", content=reply))
    s.commit()
    return {"conversation_id": conversation.id, "response": reply}
