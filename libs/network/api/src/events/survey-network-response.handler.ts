import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Inbox, OnEvent, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import type { DataSource } from 'typeorm';
import { NETWORK_CONNECTION } from '../network.constants';
import { applySurveyNetworkResponse } from './survey-network-response';

/** Network survey submissions become actors and ties of their wave, once per event (inbox). */
@Injectable()
export class SurveyNetworkResponseHandler {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly inbox: Inbox,
  ) {}

  @OnEvent('survey.network-response.submitted', { consumer: 'network.survey-network-responses' })
  async onResponse(
    event: DeliveredEvent<'survey.network-response.submitted'>,
    context: EventContext,
  ): Promise<void> {
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      applySurveyNetworkResponse(manager, event.payload),
    );
  }
}
